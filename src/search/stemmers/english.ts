import { newStemmer } from 'snowball-stemmers'

// Porter2, the Snowball English stemmer (prices → price, reporting → report)
const porter2 = newStemmer('english')

export function stemEnglish (token: string): string {
  return porter2.stem(token)
}
