from civicpulse.runtime.app import main
from notification.app import NotificationApp

main(NotificationApp)
