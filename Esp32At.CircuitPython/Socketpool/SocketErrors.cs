using System;
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
            return new OSError(ErrnoOf(LinkFailures.Classify(e), fallback), what + ": " + e.Message, e);
        }

        private static int ErrnoOf(LinkFailure failure, int fallback)
        {
            switch (failure)
            {
                case LinkFailure.Reset:
                case LinkFailure.Rebooted: return Errno.ECONNRESET;
                case LinkFailure.TimedOut: return Errno.ETIMEDOUT;
                case LinkFailure.Busy: return Errno.EAGAIN;
                case LinkFailure.NoFreeLink: return Errno.EMFILE;
                case LinkFailure.InvalidArgument: return Errno.EINVAL;
                case LinkFailure.NotSupported: return Errno.EOPNOTSUPP;
                default: return fallback;
            }
        }
    }
}
