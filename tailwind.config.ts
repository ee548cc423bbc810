import type { Config } from 'tailwindcss'

export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef5ff',
          100: '#d9e8ff',
          200: '#bcd7ff',
          300: '#8ebdff',
          400: '#5997ff',
          500: '#3372fb',
          600: '#1d53f0',
          700: '#153fdc',
          800: '#1834b2',
          900: '#1a318c',
        },
      },
    },
  },
  plugins: [],
} satisfies Config
