-- Site builds now keep one outbox position per site folder ('site:<folder id>'); the single 'site' position of
-- earlier versions is read by nothing and would show as ever-growing lag.
DELETE FROM outbox_consumer WHERE name = 'site';
