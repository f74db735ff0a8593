from civicpulse.runtime.app import bootstrap
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.settings import load_settings
from scoring.app import ScoringApp
from scoring.settings import ScoringSettings

settings = load_settings(ScoringSettings)
bootstrap(ScoringApp.name, settings)
run(ScoringApp(settings))
