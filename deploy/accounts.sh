# accounts.sh: the database and broker accounts of an installation, with least privilege. Sourced
# by install.sh and by ./stratus (single-machine mode), so both set up the same users and grants.
#
# The caller defines
#   mysql_root HOST PORT ARGS...   runs the mysql client as the account that creates schemas and
#                                  users (root), with -N -B
#   say MESSAGE                    prints progress
# and may set MYSQL_CLIENT (default: mysql), the client used to check a user's password.
#
# Who reaches what (docs/install.md, docs/security.md):
#   USER_km       all rights on the KM's schema, nothing else (the KM migrates its own schema)
#   USER          SELECT, INSERT, UPDATE, DELETE on the main schema: the Dispatcher, pinger,
#                 workers and API (no DDL, no access to the KM's schema)
#   USER_console  SELECT on the main schema, writes only to its own tables (accounts_grant_console)
#   USER_admin    all rights on the main schema (stratus-admin db migrate), nothing else
#   the broker    one virtual host and one user with rights in that virtual host only

# A random password: 18 bytes, URL- and SQL-safe.
accounts_secret() { head -c 18 /dev/urandom | base64 | tr '+/' 'xy'; }

# a value inside '...' in SQL
accounts_sql_quote() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g"; }

# the schema name as a GRANT pattern: '_' and '%' are wildcards there
accounts_grant_name() { printf '%s' "$1" | sed 's/[_%]/\\&/g'; }

# accounts_ensure_user HOST PORT USER PASSWORD: the account exists and has that password
accounts_ensure_user() {
  local h=$1 p=$2 u=$3 pw=$4
  mysql_root "$h" "$p" -e "CREATE USER IF NOT EXISTS '$u'@'%' IDENTIFIED BY '$(accounts_sql_quote "$pw")'"
  if ! MYSQL_PWD=$pw "${MYSQL_CLIENT:-mysql}" --protocol=TCP -h "$h" -P "$p" -u "$u" -e 'SELECT 1' >/dev/null 2>&1; then
    say "setting the password of database user $u"
    mysql_root "$h" "$p" -e "ALTER USER '$u'@'%' IDENTIFIED BY '$(accounts_sql_quote "$pw")'"
  fi
}

accounts_ensure_schema() {
  mysql_root "$1" "$2" -e \
    "CREATE DATABASE IF NOT EXISTS \`$3\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}

# accounts_main_schema HOST PORT SCHEMA USER PASSWORD CONSOLE_PASSWORD ADMIN_PASSWORD: the main
# schema, the components' user, the console's user (its grants come after the migrations) and the
# schema's owner
accounts_main_schema() {
  local h=$1 p=$2 schema=$3 u=$4
  accounts_ensure_schema "$h" "$p" "$schema"
  accounts_ensure_user "$h" "$p" "$u" "$5"
  accounts_ensure_user "$h" "$p" "${u}_console" "$6"
  accounts_ensure_user "$h" "$p" "${u}_admin" "$7"
  # Components read and write rows; only the schema's owner changes the schema.
  mysql_root "$h" "$p" -e "
    GRANT SELECT, INSERT, UPDATE, DELETE ON \`$(accounts_grant_name "$schema")\`.* TO '$u'@'%';
    GRANT ALL PRIVILEGES ON \`$(accounts_grant_name "$schema")\`.* TO '${u}_admin'@'%';"
}

# accounts_km_schema HOST PORT SCHEMA USER PASSWORD: the KM's schema and USER_km, its only user
accounts_km_schema() {
  local h=$1 p=$2 schema=$3 u=$4
  accounts_ensure_schema "$h" "$p" "$schema"
  accounts_ensure_user "$h" "$p" "${u}_km" "$5"
  mysql_root "$h" "$p" -e \
    "GRANT ALL PRIVILEGES ON \`$(accounts_grant_name "$schema")\`.* TO '${u}_km'@'%'"
}

# The console's user reads the whole schema and writes only the tables of users, groups, roles,
# API keys, audit events and its sessions, and its own row of the component registry (registers
# and heartbeats: INSERT and UPDATE). Table grants need the tables: run after the migrations.
accounts_console_tables="user_account user_group group_member role role_right user_role group_role api_key audit_event SPRING_SESSION SPRING_SESSION_ATTRIBUTES"

# accounts_grant_console HOST PORT SCHEMA USER
accounts_grant_console() {
  local h=$1 p=$2 schema=$3 u=$4 t grants
  grants="GRANT SELECT ON \`$(accounts_grant_name "$schema")\`.* TO '${u}_console'@'%';"
  for t in $accounts_console_tables; do
    grants="$grants GRANT INSERT, UPDATE, DELETE ON \`$schema\`.\`$t\` TO '${u}_console'@'%';"
  done
  grants="$grants GRANT INSERT, UPDATE ON \`$schema\`.\`component_registration\` TO '${u}_console'@'%';"
  mysql_root "$h" "$p" -e "$grants"
}

# accounts_rabbitmq VHOST USER PASSWORD: the virtual host and the user, with rights in that virtual
# host only, on this machine's RabbitMQ (rabbitmqctl: as root)
accounts_rabbitmq() {
  local vhost=$1 user=$2 password=$3
  if ! rabbitmqctl -q list_vhosts name 2>/dev/null | grep -q -x -F "$vhost"; then
    say "creating RabbitMQ virtual host $vhost"
    rabbitmqctl -q add_vhost "$vhost" >/dev/null
  fi
  if ! rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -q -x -F "$user"; then
    say "creating RabbitMQ user $user"
    rabbitmqctl -q add_user "$user" "$password" >/dev/null
  elif ! rabbitmqctl -q authenticate_user "$user" "$password" >/dev/null 2>&1; then
    say "setting the password of RabbitMQ user $user"
    rabbitmqctl -q change_password "$user" "$password" >/dev/null
  fi
  # Everything in its own virtual host, nothing elsewhere.
  if ! rabbitmqctl -q list_user_permissions "$user" 2>/dev/null |
    awk -v v="$vhost" -F '\t' '$1 == v' | grep -q .; then
    rabbitmqctl -q set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
  fi
}
