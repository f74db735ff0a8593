-- The overdue count looks up recent deliveries and whether each was acknowledged, every minute:
-- by delivery time, and acknowledgements by notification.
CREATE INDEX deliveries_by_time ON notification.deliveries (delivered_at);
CREATE INDEX acknowledgements_by_notification ON notification.acknowledgements (notification_id);
