import { describe, expect, it } from 'vitest';
import { loadedOnFirstUse } from '../../shared/on-first-use';

interface Greeter {
  greet(name: string): Promise<string>;
  shout(name: string): Promise<string>;
}

describe('loadedOnFirstUse (the api’s SES and Cognito, issue 7)', () => {
  it('loads nothing until a method is called, then loads once for calls at the same time and delegates their arguments', async () => {
    let loads = 0;
    const greeter = loadedOnFirstUse<Greeter>(async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { greet: async (name) => `chào ${name}`, shout: async (name) => `CHÀO ${name.toUpperCase()}` };
    }, ['greet', 'shout']);
    expect(loads).toBe(0);
    expect(await Promise.all([greeter.greet('Lan'), greeter.shout('Minh'), greeter.greet('Hùng')])).toEqual(['chào Lan', 'CHÀO MINH', 'chào Hùng']);
    expect(await greeter.greet('An')).toBe('chào An');
    expect(loads).toBe(1);
  });

  it('passes on a failed load and tries again on the next call', async () => {
    let attempts = 0;
    const greeter = loadedOnFirstUse<Pick<Greeter, 'greet'>>(async () => {
      attempts++;
      if (attempts === 1) throw new Error('chunk missing');
      return { greet: async (name) => `chào ${name}` };
    }, ['greet']);
    await expect(greeter.greet('Lan')).rejects.toThrow('chunk missing');
    expect(await greeter.greet('Lan')).toBe('chào Lan');
    expect(attempts).toBe(2);
  });

  it('passes on the real method’s rejection without reloading', async () => {
    let loads = 0;
    const greeter = loadedOnFirstUse<Pick<Greeter, 'greet'>>(async () => {
      loads++;
      return { greet: async () => Promise.reject(new Error('SES refused')) };
    }, ['greet']);
    await expect(greeter.greet('Lan')).rejects.toThrow('SES refused');
    await expect(greeter.greet('Lan')).rejects.toThrow('SES refused');
    expect(loads).toBe(1);
  });
});
