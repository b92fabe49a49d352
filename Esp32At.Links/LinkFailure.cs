namespace Esp32At.Links
{
    /// <summary>What kind of failure a links-layer call ended in: the faces turn it into an errno or a SocketError.</summary>
    public enum LinkFailure
    {
        /// <summary>Anything not listed below: the face uses the fallback of the operation that failed.</summary>
        Other,

        /// <summary>The link was lost under the caller (<see cref="LinkResetException"/>).</summary>
        Reset,

        /// <summary>The ESP rebooted while the command ran (<see cref="Esp32At.Engine.AtRebootedException"/>).</summary>
        Rebooted,

        /// <summary>No answer in time (<see cref="Esp32At.Engine.AtTimeoutException"/>).</summary>
        TimedOut,

        /// <summary>The ESP was busy and dropped the command (<see cref="Esp32At.Engine.AtBusyException"/>).</summary>
        Busy,

        /// <summary>The ESP answered <c>ERROR</c> or a failure code (<see cref="Esp32At.Engine.AtCommandException"/>).</summary>
        CommandFailed,

        /// <summary>All link ids are in use (<see cref="NoFreeLinkException"/>).</summary>
        NoFreeLink,

        /// <summary>The link is not in a state for the call, e.g. not open (an <see cref="System.InvalidOperationException"/>).</summary>
        InvalidState,

        /// <summary>A bad argument, refused before anything was sent (an <see cref="System.ArgumentException"/>).</summary>
        InvalidArgument,

        /// <summary>The firmware cannot do it (a <see cref="System.NotSupportedException"/>).</summary>
        NotSupported,
    }
}
