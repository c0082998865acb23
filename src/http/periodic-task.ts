import type { FastifyInstance } from 'fastify'

/**
 * Runs housekeeping with the app: the interval starts when the app is ready (never at import or
 * build, so tests and the CLI start nothing) and is cleared in preClose, before onClose closes the
 * database it works on. A failed run is logged and the next one tries again; it never takes the
 * process down. The timer is unref'd: it alone does not keep the process alive.
 */
export function registerPeriodicTask (app: FastifyInstance, task: { name: string, everyMs: number, run: () => unknown }): void {
  if (task.everyMs <= 0) return
  const log = app.log.child({ task: task.name })
  let timer: NodeJS.Timeout | null = null
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      try {
        const result = task.run()
        log.info({ result }, `${task.name} done`)
      } catch (error) {
        log.error({ err: error }, `${task.name} failed`)
      }
    }, task.everyMs)
    timer.unref()
  })
  app.addHook('preClose', async () => {
    if (timer !== null) clearInterval(timer)
    timer = null
  })
}
