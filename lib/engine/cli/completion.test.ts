import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../format/reference';
import { COMMANDS } from './commands';
import { completeDocker } from './completion';
import { dockerTest } from './testing/harness';

async function setup() {
  const t = dockerTest();
  const { engine, busybox } = t;
  engine.images.tag(parseDockerRef('alpine:3.20'), busybox.id);
  engine.images.tag(parseDockerRef('alpine:latest'), busybox.id);
  const web = engine.createContainer(busybox, { imageRef: 'busybox', name: 'web', cmd: ['sleep', '1000'] });
  const frozen = engine.createContainer(busybox, { imageRef: 'busybox', name: 'frozen', cmd: ['sleep', '1000'] });
  engine.createContainer(busybox, { imageRef: 'busybox', name: 'worker', cmd: ['true'] });
  await web.start();
  await frozen.start();
  frozen.pause();
  return (line: string) => {
    const words = line.split(' ');
    return completeDocker(words, words.length - 1, { commands: COMMANDS, engine });
  };
}

describe('docker completion', () => {
  it('subcommands and groups', async () => {
    const c = await setup();
    expect(c('docker ru')).toEqual(['run']);
    expect(c('docker ima')).toEqual(['image', 'images']);
    expect(c('docker inf')).toEqual(['info']);
    expect(c('docker container l')).toEqual(['list', 'logs', 'ls']);
    expect(c('docker system ')).toEqual(['df', 'events', 'info', 'prune']);
    expect(c('docker --')).toEqual(['--help', '--version']);
    expect(c('docker -v ru')).toEqual(['run']);
    expect(c('docker nosuch ')).toEqual([]);
  });

  it('containers by the state the command wants', async () => {
    const c = await setup();
    expect(c('docker rm ')).toEqual(['frozen', 'web', 'worker']);
    expect(c('docker rm -f w')).toEqual(['web', 'worker']);
    expect(c('docker rm web ')).toEqual(['frozen', 'web', 'worker']);
    expect(c('docker start ')).toEqual(['worker']);
    expect(c('docker stop ')).toEqual(['frozen', 'web']);
    expect(c('docker pause ')).toEqual(['web']);
    expect(c('docker container unpause ')).toEqual(['frozen']);
    expect(c('docker exec -it ')).toEqual(['web']);
    expect(c('docker logs --tail 5 ')).toEqual(['frozen', 'web', 'worker']);
    // After the container, no more names for single-container commands.
    expect(c('docker logs web ')).toEqual([]);
    expect(c('docker rename web ')).toEqual([]);
  });

  it('images where an image goes; flag values are skipped', async () => {
    const c = await setup();
    expect(c('docker run al')).toEqual(['alpine', 'alpine:3.20', 'alpine:latest']);
    expect(c('docker run -it --rm al')).toEqual(['alpine', 'alpine:3.20', 'alpine:latest']);
    expect(c('docker run --name al')).toEqual([]);
    expect(c('docker run -e X=1 bus')).toEqual(['busybox', 'busybox:latest']);
    // Words after the image are the container's command.
    expect(c('docker run alpine ')).toEqual([]);
    expect(c('docker rmi alpine:3.20 al')).toEqual(['alpine', 'alpine:3.20', 'alpine:latest']);
    expect(c('docker image history b')).toEqual(['busybox', 'busybox:latest']);
    expect(c('docker inspect w')).toEqual(['web', 'worker']);
    expect(c('docker inspect b')).toEqual(['busybox', 'busybox:latest']);
  });

  it('flags of the command', async () => {
    const c = await setup();
    expect(c('docker ps --f')).toEqual(['--filter', '--format']);
    expect(c('docker ps -')).toContain('-a');
    expect(c('docker ps -')).toContain('--no-trunc');
    expect(c('docker system df -')).toEqual(['--format', '--help', '--verbose', '-v']);
  });

  it('without a daemon: commands and flags only', () => {
    expect(completeDocker(['docker', 'rm', ''], 2, { commands: COMMANDS })).toEqual([]);
    expect(completeDocker(['docker', 'pa'], 1, { commands: COMMANDS })).toEqual(['pause']);
  });
});
