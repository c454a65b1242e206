export { normalizePhone, maskPhone } from './phone';
export { parseNik, maskNik, type NikFacts } from './nik';
export { NikVault, type StoredNik } from './nik-vault';
