using System;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// CircuitPython's <c>OSError</c> for sockets: every socket and TLS failure is one of these, with the errno in
    /// <see cref="Errno"/> (values of <see cref="CircuitPython.Errno"/>). The library exception that caused it, if
    /// any, is the inner exception. The mapping is in docs/circuitpython-mapping.md (socketpool errors).
    /// </summary>
    public class OSError : Exception
    {
        /// <summary>An error with <paramref name="errno"/> and a message.</summary>
        public OSError(int errno, string message) : this(errno, message, null)
        {
        }

        /// <summary>An error with <paramref name="errno"/>, a message and the library exception behind it.</summary>
        public OSError(int errno, string message, Exception inner)
            : base("[Errno " + errno + "] " + CircuitPython.Errno.NameOf(errno) + ": " + message, inner)
        {
            Errno = errno;
        }

        /// <summary>The errno (e.g. <see cref="CircuitPython.Errno.ETIMEDOUT"/>).</summary>
        public int Errno { get; private set; }
    }
}
