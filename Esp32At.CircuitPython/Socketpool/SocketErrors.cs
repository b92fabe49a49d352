using System;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>Maps library exceptions to <see cref="OSError"/> (the table in docs/circuitpython-mapping.md).</summary>
    internal static class SocketErrors
    {
        /// <summary>
        /// The OSError for <paramref name="e"/> during <paramref name="what"/>; <paramref name="fallback"/> is the errno
        /// of an ESP <c>ERROR</c> (and of anything not listed).
        /// </summary>
        public static OSError From(Exception e, int fallback, string what)
        {
            var os = e as OSError;
            if (os != null) return os;
            int errno = fallback;
            if (e is LinkResetException || e is AtRebootedException) errno = Errno.ECONNRESET;
            else if (e is AtTimeoutException) errno = Errno.ETIMEDOUT;
            else if (e is AtBusyException) errno = Errno.EAGAIN;
            else if (e is AtCommandException) errno = fallback;
            else if (e is InvalidOperationException && e.Message.IndexOf("in use") >= 0) errno = Errno.EMFILE;
            else if (e is ArgumentException) errno = Errno.EINVAL;
            else if (e is NotSupportedException) errno = Errno.EOPNOTSUPP;
            return new OSError(errno, what + ": " + e.Message, e);
        }
    }
}
