from civicpulse.runtime.app import bootstrap
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.settings import load_settings
from pseudonymisation.app import PseudonymisationApp
from pseudonymisation.settings import PseudonymisationSettings

settings = load_settings(PseudonymisationSettings)
bootstrap(PseudonymisationApp.name, settings)
run(PseudonymisationApp(settings))
