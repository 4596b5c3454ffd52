import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The copy of the public file shipped with the application (data/national/README.md says where it is from). */
export const shippedNationalPath = fileURLToPath(
  new URL('../../../data/national/hmip-youth-ratings-2021-2025.csv', import.meta.url),
);

export const shippedNationalFile = () => ({
  text: readFileSync(shippedNationalPath, 'utf8'),
  source: 'data/national/hmip-youth-ratings-2021-2025.csv (shipped)',
});
