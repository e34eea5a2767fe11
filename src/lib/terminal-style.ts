import chalk, {Chalk, type ChalkInstance} from 'chalk'

// Colour only when the stream is a terminal, and never when NO_COLOR is set
// (https://no-color.org): scripts and logs get plain text.
export function styleFor(stream: NodeJS.WriteStream): ChalkInstance {
  const wanted = stream.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'
  return wanted ? chalk : new Chalk({level: 0})
}
