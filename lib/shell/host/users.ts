/** The learner's host machine identity: one normal user with sudo, in the docker group, as on a fresh Debian. */

import type { Cred } from '../../engine/fs/Types';

export const HOST_HOSTNAME = 'layerlab';
export const LEARNER = { name: 'learner', uid: 1000, gid: 1000, home: '/home/learner', shell: '/bin/bash' } as const;
export const GROUPS = { shadow: 42, sudo: 27, users: 100, docker: 999, learner: 1000 } as const;

export const LEARNER_CRED: Cred = Object.freeze({
  uid: LEARNER.uid,
  gid: LEARNER.gid,
  groups: Object.freeze([LEARNER.gid, GROUPS.sudo, GROUPS.users, GROUPS.docker]),
});

export const HOST_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash
`;

export const HOST_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
shadow:x:42:
sudo:x:27:learner
www-data:x:33:
users:x:100:learner
docker:x:999:learner
nogroup:x:65534:
learner:x:1000:
`;

/** Locked passwords (`*`/`!`): nobody logs in with one; sudo needs none for the learner. */
export const HOST_SHADOW = `root:*:20400:0:99999:7:::
daemon:*:20400:0:99999:7:::
bin:*:20400:0:99999:7:::
sys:*:20400:0:99999:7:::
sync:*:20400:0:99999:7:::
www-data:*:20400:0:99999:7:::
nobody:*:20400:0:99999:7:::
learner:!:20400:0:99999:7:::
`;
