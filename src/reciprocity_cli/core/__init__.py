"""The domain: partners, referrals, balance rules and settings. Never imports typer or rich."""
