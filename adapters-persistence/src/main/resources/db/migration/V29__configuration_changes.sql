-- Every instance caches configuration that calls read again and again (ConfigurationCache) and
-- drops an entry when its table changes. The change reaches the other instances through NOTIFY,
-- sent at commit; the payload is "<table>:<tenant id>".
CREATE FUNCTION notify_configuration_changed() RETURNS trigger AS $$
DECLARE
    changed_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    PERFORM pg_notify('switchboard_configuration', TG_TABLE_NAME || ':' || COALESCE(changed_row ->> TG_ARGV[0], ''));
    IF TG_OP = 'UPDATE' AND to_jsonb(OLD) ->> TG_ARGV[0] IS DISTINCT FROM changed_row ->> TG_ARGV[0] THEN
        PERFORM pg_notify('switchboard_configuration', TG_TABLE_NAME || ':' || COALESCE(to_jsonb(OLD) ->> TG_ARGV[0], ''));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER tenants_changed AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('id');
CREATE TRIGGER assistants_changed AFTER INSERT OR UPDATE OR DELETE ON assistants
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('tenant_id');
CREATE TRIGGER phone_numbers_changed AFTER INSERT OR UPDATE OR DELETE ON phone_numbers
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('tenant_id');
CREATE TRIGGER connections_changed AFTER INSERT OR UPDATE OR DELETE ON connections
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('tenant_id');
CREATE TRIGGER availability_rules_changed AFTER INSERT OR UPDATE OR DELETE ON availability_rules
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('tenant_id');
CREATE TRIGGER knowledge_documents_changed AFTER INSERT OR UPDATE OR DELETE ON knowledge_documents
    FOR EACH ROW EXECUTE FUNCTION notify_configuration_changed('tenant_id');
