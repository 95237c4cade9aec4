import { describe, expect, test } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/conversation/secrets.js';

describe('redactSecrets', () => {
  test.each([
    ['my password is Summer2024!', 'Summer2024!', 'password'],
    ['My password is hunter2 please reset', 'hunter2', 'password'],
    ['password: qwerty', 'qwerty', 'password'],
    ['pwd=Zx9#kq', 'Zx9#kq', 'password'],
    ['мой пароль: весна2024', 'весна2024', 'password'],
    ['пароль Qwerty123 не подходит', 'Qwerty123', 'password'],
    ['Пароль - Лето_2025', 'Лето_2025', 'password'],
    ['pin 482913', '482913', 'password'],
    ['token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012', 'token'],
    [
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB is my token',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB',
      'token',
    ],
    ['AKIAIOSFODNN7EXAMPLE leaked', 'AKIAIOSFODNN7EXAMPLE', 'token'],
    [
      'auth eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJhbGciOiJIUzI1NiJ9',
      'token',
    ],
    ['Authorization: Bearer abcdefghijklmnop1234567890', 'abcdefghijklmnop1234567890', 'token'],
    [
      'client secret Ab1Q~zYxWvUtSrQpOnMlKjIhGfEdCbA0987654321',
      'Ab1Q~zYxWvUtSrQpOnMlKjIhGfEdCbA0987654321',
      'token',
    ],
    ['https://app.example.com/cb?code=abc123&state=x', 'abc123', 'token'],
    ['here: 9f8Kd02LmQz7XpW4vB1nR6tY3sA5cE0h', '9f8Kd02LmQz7XpW4vB1nR6tY3sA5cE0h', 'random-string'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----', 'MIIEabc', 'private-key'],
    ['db string postgres://admin:S3cr3tPassA@db.corp:5432/app fails', 'S3cr3tPassA', 'password'],
    ['git clone https://bob:Hunter22B@git.corp/repo.git', 'Hunter22B', 'password'],
    ['mongodb+srv://user:hunter2@cluster0.example.net/db', 'hunter2', 'password'],
    ['curl -u admin:Hunter22 https://api.corp/v1', 'Hunter22', 'password'],
    ['my password for vpn is Qwerty123C', 'Qwerty123C', 'password'],
    ['password for outlook: Xyzzy', 'Xyzzy', 'password'],
    ['password is: LetMeIn9D', 'LetMeIn9D', 'password'],
    ['password: "correct horse battery staple"', 'correct horse battery staple', 'password'],
    ['мой пароль от почты Tr0ub4dorE', 'Tr0ub4dorE', 'password'],
    ['пароль от рабочей учётки теперь Весна2026!', 'Весна2026', 'password'],
    ['пароль от почты Qwerty123!', 'Qwerty123', 'password'],
    ['postgres://admin:P@ssw0rd@db.local/app', 'ssw0rd', 'password'],
    ['curl --user=admin:hunter2 https://x', 'hunter2', 'password'],
    ['curl -uadmin:hunter2 https://x', 'hunter2', 'password'],
    ['curl -u "admin:hunter 2" https://x', 'hunter 2', 'password'],
    ['my password is Summer2024!', 'Summer2024!', 'password'],
    ['my password is (Secret12)', 'Secret12', 'password'],
  ])('%s', (input, secret, kind) => {
    const result = redactSecrets(input);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(REDACTED);
    expect(result.found).toContain(kind);
  });

  test.each([
    'I forgot my password',
    'my password is expired',
    'пароль не подходит',
    'забыл пароль от почты',
    'error 0x80070005 when installing KB5034441',
    'request id 3f2b9c1e-8d4a-4b7e-9f10-2a3b4c5d6e7f',
    'see https://status.example.com/incidents/2026-01-05-vpn-outage',
    'file Screenshot_2026-01-05_at_10.22.33.png attached',
    'ERROR_INTERNET_CONNECTION_RESET in Teams',
    'path \\\\files01\\finance\\reports2026\\q1-summary-final-v2',
    'write to it-help@example.com about LAPTOP-7H3K2Q',
    'my password for the vpn is not accepted anymore',
    'пароль от почты не подходит после смены',
    'password reset link does not arrive',
    'open https://wiki.example.com/display/IT/VPN+setup please',
    'pass the ticket to Windows11 team',
    'api key for Jira-Cloud stopped working',
    'password change failed on DC01.corp.local',
    'How do I change password? Error: 0x8007052E',
    'reset password for john.smith@corp.com please',
    'пароль от почты ivan.petrov@corp.ru не подходит',
    'password change error: 0x80070005',
    'password reset for user: jsmith',
    'token refresh error = 401',
    'the password dialog says "Incorrect password, 2 attempts left"',
    'token error: "Token has expired."',
    'connect to db.corp:5432 with https://host:8443/path',
    'Windows says the password is "incorrect"',
    'ключ это «недействительный»',
    'docker run -u 1000:1000 image',
  ])('keeps ordinary text: %s', (input) => {
    expect(redactSecrets(input)).toEqual({ text: input, found: [] });
  });

  test('keeps the closing quote of a quoted passphrase', () => {
    expect(redactSecrets('my password is «Secret1»').text).toBe('my password is «[redacted]»');
  });

  test.each([
    ['letters', 'a'.repeat(100_000)],
    ['spaces after a keyword', `password${' '.repeat(100_000)}x`],
    ['wide spaces after a keyword', `password${'\u2003'.repeat(100_000)}x`],
    ['an unclosed quote', `password "${'a'.repeat(100_000)}`],
    ['a scheme-like run', `${'a1'.repeat(50_000)}://x`],
    ['repeated keywords', 'password is '.repeat(10_000)],
    ['a run of JWT starts', 'eyJ'.repeat(30_000)],
  ])('takes linear time on hostile input: %s', (_name, input) => {
    // A backtracking pattern would run for minutes here and time the test out.
    expect(typeof redactSecrets(input).text).toBe('string');
  });

  test('redacts every secret in one message and reports each kind once', () => {
    const result = redactSecrets(
      'password: Abc12345 and pin 9999 and AKIAIOSFODNN7EXAMPLE and AKIAIOSFODNN7EXAMPLF',
    );
    expect(result.text).toBe(`password: ${REDACTED} and pin ${REDACTED} and ${REDACTED} and ${REDACTED}`);
    expect(result.found.sort()).toEqual(['password', 'token']);
  });
});
