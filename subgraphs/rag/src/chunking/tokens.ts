// Words, numbers and each punctuation mark: close to what a BPE tokenizer counts for English
// prose (a word is 1-1.5 tokens), without shipping one.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** An estimate of the tokens a language model would count in `text`. */
export function countTokens(text: string): number {
  let count = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text)) count += 1;
  return count;
}
