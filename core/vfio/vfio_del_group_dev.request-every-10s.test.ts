// v5.12 vfio_del_group_dev() (drivers/vfio/vfio.c; vfio_unregister_group_dev() later):
// while a user holds the device the removal calls ops->request(i++) at once and after
// every 10 s of waiting; only a signal makes it print "Device is currently in use" (once),
// after which it waits uninterruptibly; the last user's release completes it.
import { describe, expect, it } from 'vitest';
import { USEC_PER_SEC } from '../kernel/index.ts';
import { MiB, ok, qemu } from '../machine/testing.ts';
import { VFIO_REQUEST_INTERVAL } from './vfio_device.ts';

const IN_USE = /Device is currently in use, task "admin" \(\d+\) blocked until device is released/;

function waitingGpu() {
  const q = qemu();
  q.m.spawn('admin');
  expect(ok(q.m.hotUnplug('gpu', 'admin'))).toBe(0);
  const vdev = q.m.device('gpu').vdev!;
  return { ...q, vdev, w: vdev.removal! };
}

function inUseLines(m: { k: { dmesg: { format(): string } } }): number {
  return m.k.dmesg.format().split('\n').filter((l) => IN_USE.test(l)).length;
}

describe('vfio_del_group_dev: a removal that waits for users', () => {
  it('sends the first request at once and says nothing about being blocked', () => {
    const { m, w } = waitingGpu();
    expect(w.requests).toBe(1);
    expect(m.k.dmesg.format()).toContain('No device request channel registered, blocked until released by user');
    expect(inUseLines(m)).toBe(0);
    expect(m.device('gpu').pdev!.state).toBe('removing');
  });

  it('repeats the request once per 10 s of ticks that pass', () => {
    const { m, w } = waitingGpu();
    expect(VFIO_REQUEST_INTERVAL).toBe(10 * USEC_PER_SEC);
    m.sleep(VFIO_REQUEST_INTERVAL - 1);
    expect(w.requests).toBe(1);
    m.sleep(1);
    expect(w.requests).toBe(2);
    m.sleep(25 * USEC_PER_SEC);
    expect(w.requests).toBe(4);
    expect(inUseLines(m)).toBe(0);
  });

  it('a signal prints the in-use warning once, requests again at once, and later signals are ignored', () => {
    const { m, w } = waitingGpu();
    m.sleep(5 * USEC_PER_SEC);
    expect(ok(m.signalRemoval('gpu'))).toBe(0);
    expect(inUseLines(m)).toBe(1);
    expect(w.requests).toBe(2);
    expect(w.interruptedTick).not.toBeNull();
    // the uninterruptible wait ignores a second signal; the 10 s count restarts at the signal
    expect(ok(m.signalRemoval('gpu'))).toBe(0);
    expect(inUseLines(m)).toBe(1);
    expect(w.requests).toBe(2);
    m.sleep(10 * USEC_PER_SEC);
    expect(w.requests).toBe(3);
  });

  it('completes when the last user lets go, and then no request follows', () => {
    const { m, gpuFd, bar0, w } = waitingGpu();
    ok(m.munmap('qemu', bar0, 16 * MiB));
    ok(m.close('qemu', gpuFd));
    expect(w.doneTick).not.toBeNull();
    expect(m.device('gpu').pdev!.state).toBe('removed');
    const sent = w.requests;
    m.sleep(60 * USEC_PER_SEC);
    expect(w.requests).toBe(sent);
    expect(ok(m.signalRemoval('gpu'))).toBe(-3); // -ESRCH: nobody waits any more
  });

  it('a device nobody holds is removed at once with no request', () => {
    const { m, gpuFd, bar0 } = qemu();
    ok(m.munmap('qemu', bar0, 16 * MiB));
    ok(m.close('qemu', gpuFd));
    expect(ok(m.hotUnplug('gpu'))).toBe(1);
    expect(m.device('gpu').vdev!.removal).toBeNull();
    expect(m.k.dmesg.format()).not.toContain('No device request channel');
    expect(m.device('gpu').pdev!.state).toBe('removed');
  });
});
