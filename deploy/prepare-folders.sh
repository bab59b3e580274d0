#!/usr/bin/env bash
# The folders of an installation and who may read them (run as root; docs/OPERATIONS.md step 1):
#   deploy/prepare-folders.sh [/srv/fjld] [service user, default fjld]
# nginx (www-data) must read static files and public images; nothing else of the site. So:
#   - the group fjld-web holds www-data; var/static and var/media belong to it with the setgid bit
#     (2750): every folder and file made inside keeps the group, and the app writes files 0640
#     (FILE_UPLOAD_PERMISSIONS) under the service's UMask=0027;
#   - the top folder and var/ only let that group pass through (0710), never list;
#   - var/private-media (internal attachments, reply letters) and the backups are the service
#     user's alone (0700): not even the web server's group can enter.
set -euo pipefail
top=${1:-/srv/fjld}
owner=${2:-fjld}
getent group fjld-web >/dev/null || groupadd --system fjld-web
id -nG www-data | tr ' ' '\n' | grep -qx fjld-web || usermod -aG fjld-web www-data
install -d -o "$owner" -g fjld-web -m 0710 "$top" "$top/var"
install -d -o "$owner" -g fjld-web -m 2750 "$top/var/static" "$top/var/media"
install -d -o "$owner" -g "$owner" -m 0700 "$top/var/private-media" "$top/backups"
# what is already there (a re-run, an upgrade): the same group and modes all the way down
find "$top/var/static" "$top/var/media" -type d -exec chgrp fjld-web {} + -exec chmod 2750 {} +
find "$top/var/static" "$top/var/media" -type f -exec chgrp fjld-web {} + -exec chmod 0640 {} +
