/** Whole minor units as the amount text the app's forms take ("1234.56"). */
export const amountText = (minor: number | undefined) => (minor === undefined ? undefined : `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`)
