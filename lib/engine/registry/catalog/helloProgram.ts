/**
 * hello: the program inside the hello-world image (`/hello`, header `hello`). It prints Docker's message and exits 0,
 * as docker-library/hello-world's hello.c does (a static binary that writes one string; no arguments are read).
 * Another engineer registers it in the program registry under the name `hello`.
 */

import type { Program } from '../../process/Types';

/** The exact text of hello-world:latest on amd64 (it starts and ends with an empty line). */
export const HELLO_MESSAGE =
  '\n' +
  'Hello from Docker!\n' +
  'This message shows that your installation appears to be working correctly.\n' +
  '\n' +
  'To generate this message, Docker took the following steps:\n' +
  ' 1. The Docker client contacted the Docker daemon.\n' +
  ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.\n' +
  '    (amd64)\n' +
  ' 3. The Docker daemon created a new container from that image which runs the\n' +
  '    executable that produces the output you are currently reading.\n' +
  ' 4. The Docker daemon streamed that output to the Docker client, which sent it\n' +
  '    to your terminal.\n' +
  '\n' +
  'To try something more ambitious, you can run an Ubuntu container with:\n' +
  ' $ docker run -it ubuntu bash\n' +
  '\n' +
  'Share images, automate workflows, and more with a free Docker ID:\n' +
  ' https://hub.docker.com/\n' +
  '\n' +
  'For more examples and ideas, visit:\n' +
  ' https://docs.docker.com/get-started/\n' +
  '\n';

/** The name the hello-world binary's header carries. */
export const HELLO_PROGRAM_NAME = 'hello';

export const helloProgram: Program = async (ctx) => {
  await ctx.stdout.write(HELLO_MESSAGE);
  return 0;
};
