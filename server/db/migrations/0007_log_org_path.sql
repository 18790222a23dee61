-- Log rows keep the organization's path as it was when written, so a row stays in its
-- auditors' scope after the organization is deleted or moved away.
alter table audit_log add column org_path ltree;
alter table login_log add column org_path ltree;
create index audit_log_org_path_gist on audit_log using gist (org_path);
create index login_log_org_path_gist on login_log using gist (org_path);
