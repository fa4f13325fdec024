// a .dockerignore that is a FIFO used to block the build forever, waiting for a writer; git cannot hold one
def fifo = new File(basedir, '.dockerignore')
def mkfifo = ['mkfifo', fifo.path].execute()
assert mkfifo.waitFor() == 0 : mkfifo.err.text
return true
