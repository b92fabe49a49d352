using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// Classifies the exceptions of the engine and the links layer once, by type, for both faces (the CircuitPython
    /// errno table and the TinyCLR provider's SocketError table map a <see cref="LinkFailure"/>, not exception types).
    /// </summary>
    public static class LinkFailures
    {
        /// <summary>The kind of failure <paramref name="e"/> is; <see cref="LinkFailure.Other"/> for null or anything unknown.</summary>
        public static LinkFailure Classify(Exception e)
        {
            // Most specific first: the engine's timeout, busy and reboot are AtCommandExceptions, and a full table is
            // an InvalidOperationException.
            if (e is LinkResetException) return LinkFailure.Reset;
            if (e is AtRebootedException) return LinkFailure.Rebooted;
            if (e is AtTimeoutException) return LinkFailure.TimedOut;
            if (e is AtBusyException) return LinkFailure.Busy;
            if (e is AtCommandException) return LinkFailure.CommandFailed;
            if (e is NoFreeLinkException) return LinkFailure.NoFreeLink;
            if (e is InvalidOperationException) return LinkFailure.InvalidState;
            if (e is ArgumentException) return LinkFailure.InvalidArgument;
            if (e is NotSupportedException) return LinkFailure.NotSupported;
            return LinkFailure.Other;
        }
    }
}
