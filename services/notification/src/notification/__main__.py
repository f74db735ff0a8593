from civicpulse.runtime.app import bootstrap
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.settings import load_settings
from notification.app import NotificationApp
from notification.settings import NotificationSettings

settings = load_settings(NotificationSettings)
bootstrap(NotificationApp.name, settings)
run(NotificationApp(settings))
