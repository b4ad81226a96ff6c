/**
 * Writes src/auth/data/common-passwords.txt: the passwords people pick first (NIST SP 800-63B asks
 * to refuse them), built from common words, names, keyboard walks and the usual endings. Nothing is
 * downloaded; run `node scripts/generate-common-passwords.ts` after changing the word lists.
 */
import { writeFileSync } from 'node:fs';

const WORDS = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'letmein', 'welcome', 'iloveyou', 'monkey',
  'dragon', 'football', 'baseball', 'soccer', 'hockey', 'basketball', 'sunshine', 'princess', 'shadow', 'master',
  'superman', 'batman', 'trustno1', 'whatever', 'freedom', 'secret', 'access', 'admin', 'administrator', 'login',
  'starwars', 'pokemon', 'michael', 'jennifer', 'jordan', 'hunter', 'ranger', 'buster', 'thomas', 'robert',
  'charlie', 'daniel', 'jessica', 'ashley', 'amanda', 'nicole', 'matthew', 'andrew', 'joshua', 'michelle',
  'summer', 'winter', 'spring', 'autumn', 'flower', 'cookie', 'chocolate', 'computer', 'internet', 'changeme',
  'default', 'hello', 'helloworld', 'loveyou', 'lovely', 'sweetheart', 'angel', 'blessed', 'jesus', 'family',
  'mustang', 'ferrari', 'porsche', 'harley', 'yankees', 'liverpool', 'arsenal', 'chelsea', 'barcelona', 'madrid',
  'qazwsx', 'zaq12wsx', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', '1q2w3e4r', '1qaz2wsx', 'abc', 'abcdef',
  'hospital', 'doctor', 'nurse', 'patient', 'cancer', 'health', 'medical', 'clinic', 'wayfinder', 'navigator',
  'contrasena', 'contraseña', 'hola', 'amor', 'teamo', 'futbol', 'madrid', 'mexico', 'espana', 'bienvenido',
  'marhaba', 'habibi', 'allah', 'mohammed', 'ahmed', 'fatima', 'cairo', 'dubai', 'riyadh', 'beirut',
];
const ENDINGS = [
  '', '1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '!', '!!', '1!', '123!', '@123',
  '01', '007', '69', '99', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '#1', '_1', '.', '?',
];
const KEYBOARD = [
  '1234567890', '0987654321', '123456789012', '1234567890123', 'qwertyuiopas', 'qwertyuiop123', '1qaz2wsx3edc',
  '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'zaq1xsw2cde3', 'asdfghjkl123', 'zxcvbnm12345', 'qweasdzxc123', '!qaz@wsx#edc',
  'abcdefghijkl', 'abcd1234abcd', 'aaaaaaaaaaaa', 'passwordpassword', 'iloveyouiloveyou', '111111111111',
  '000000000000', '123123123123', '121212121212', '112233445566', '123321123321', '987654321987', '147258369147',
];

const out = new Set<string>();
const add = (p: string) => out.add(p.toLowerCase());
for (const word of WORDS) {
  for (const end of ENDINGS) {
    add(word + end);
    add(word[0]!.toUpperCase() + word.slice(1) + end);
  }
  add(word + word);
  add(`my${word}`);
  add(`${word}password`);
  add(`i love ${word}`);
  add(`${word}forever`);
}
for (const walk of KEYBOARD) add(walk);
for (let d = 0; d <= 9; d++) for (let n = 8; n <= 16; n++) add(String(d).repeat(n));
for (let start = 0; start <= 9; start++) {
  let run = '';
  for (let i = 0; i < 16; i++) {
    run += String((start + i) % 10);
    if (run.length >= 8) add(run);
  }
}

const sorted = [...out].sort();
writeFileSync(new URL('../src/auth/data/common-passwords.txt', import.meta.url), `${sorted.join('\n')}\n`);
console.log(`${sorted.length} passwords written`);
