// Deep imports of `natural`: its index pulls in storage back-ends that load dotenv and read .env
// files, which the bot must not do. These modules are plain CommonJS classes and functions.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_ru.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_ru.js' {
  class AggressiveTokenizerRu {
    tokenize(text: string): string[];
  }
  export default AggressiveTokenizerRu;
}
