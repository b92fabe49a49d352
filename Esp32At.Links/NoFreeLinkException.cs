using System;

namespace Esp32At.Links
{
    /// <summary>
    /// Every ESP-AT link id is taken (the ESP has five). An <see cref="InvalidOperationException"/> so that code written
    /// before this type still catches it; the faces map it to EMFILE / TooManyOpenSockets by type, not by message.
    /// </summary>
    public class NoFreeLinkException : InvalidOperationException
    {
        /// <summary>Creates the exception for a table of <paramref name="linkCount"/> links.</summary>
        public NoFreeLinkException(int linkCount) : base("all " + linkCount + " ESP-AT links are in use")
        {
            LinkCount = linkCount;
        }

        /// <summary>How many links the ESP has (all of them in use).</summary>
        public int LinkCount { get; private set; }
    }
}
