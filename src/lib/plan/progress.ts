import {Listr, ListrLogger, ProcessOutput} from 'listr2'

/** Shows the steps of a run as they happen. The executor does not know how. */
export interface Progress {
  step<T>(title: string, work: () => Promise<T>): Promise<T>
}

export const silentProgress: Progress = {
  step: (_title, work) => work(),
}

/**
 * listr2 on stderr: an animated list on a terminal, plain lines otherwise, so
 * stdout stays free for results (listr2 writes to stdout by default).
 */
export function listrProgress(): Progress {
  const output = new ProcessOutput(process.stderr, process.stderr)
  const tty = process.stderr.isTTY === true && process.env.NO_COLOR === undefined
  return {
    async step<T>(title: string, work: () => Promise<T>): Promise<T> {
      let value: T | undefined
      const list = new Listr([{title, task: async () => {
        value = await work()
      }}], {
        renderer: tty ? 'default' : 'simple',
        fallbackRenderer: 'simple',
        exitOnError: true,
        rendererOptions: {logger: new ListrLogger({processOutput: output, useIcons: tty})},
        fallbackRendererOptions: {logger: new ListrLogger({processOutput: output, useIcons: tty})},
      })
      await list.run()
      return value as T
    },
  }
}
