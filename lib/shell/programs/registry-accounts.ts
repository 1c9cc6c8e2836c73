/** Account tools: shadow's useradd/usermod/userdel/groupadd/groupdel, Debian's and BusyBox's adduser family, nologin. */
import type { Program } from '../../engine/process/Types';
import { addgroup, adduser, delgroup, deluser, nologin } from './accounts/adduser';
import { chage } from './accounts/chage';
import { chfn } from './accounts/chfn';
import { chsh } from './accounts/chsh';
import { newgrp } from './accounts/newgrp';
import { gpasswd } from './accounts/gpasswd';
import { groupadd, groupdel } from './accounts/groupadd';
import { groupmod } from './accounts/groupmod';
import { chpasswd, passwd } from './accounts/passwd';
import { useradd } from './accounts/useradd';
import { userdel, usermod } from './accounts/userdel';

export const accountPrograms: Record<string, Program> = {
  useradd,
  usermod,
  userdel,
  groupadd,
  groupdel,
  groupmod,
  adduser,
  addgroup,
  deluser,
  delgroup,
  nologin,
  passwd,
  chpasswd,
  chsh,
  chfn,
  chage,
  newgrp,
  gpasswd,
};
