/** The plain-text file offered by "Download" next to the backup codes. */
export interface BackupCodesFile {
  filename: string;
  text: string;
}

export function backupCodesFile(input: {
  shopName: string;
  email: string;
  codes: readonly string[];
  createdAt: Date;
  /** the translated lines above the codes */
  intro: readonly string[];
}): BackupCodesFile {
  const slug =
    input.shopName
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'account';
  const lines = [
    `${input.shopName} – ${input.email}`,
    input.createdAt.toISOString().slice(0, 10),
    '',
    ...input.intro,
    '',
    ...input.codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
  ];
  // CRLF: Notepad on older Windows shows LF-only files as one line
  return { filename: `${slug}-backup-codes.txt`, text: lines.join('\r\n') };
}
