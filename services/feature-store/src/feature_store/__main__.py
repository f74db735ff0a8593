from civicpulse.runtime.app import main
from feature_store.app import FeatureStoreApp

main(FeatureStoreApp)
