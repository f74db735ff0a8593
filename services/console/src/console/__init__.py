"""The console: people sign in with their credential in a browser and see the forecasts."""
