from civicpulse.runtime.app import bootstrap
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.settings import load_settings
from feature_store.app import FeatureStoreApp
from feature_store.settings import FeatureStoreSettings

settings = load_settings(FeatureStoreSettings)
bootstrap(FeatureStoreApp.name, settings)
run(FeatureStoreApp(settings))
