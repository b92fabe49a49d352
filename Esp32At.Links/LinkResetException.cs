using System;

namespace Esp32At.Links
{
    /// <summary>The link was lost under the caller: the ESP rebooted, or a send failed and the stream cannot be trusted.</summary>
    public class LinkResetException : Exception
    {
        /// <summary>Creates the exception for link <paramref name="linkId"/>.</summary>
        public LinkResetException(int linkId, string reason) : base("link " + linkId + " was reset: " + reason)
        {
            LinkId = linkId;
        }

        /// <summary>The ESP-AT link id.</summary>
        public int LinkId { get; private set; }
    }
}
