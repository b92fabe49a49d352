namespace Esp32At.Links
{
    /// <summary>The life of one ESP-AT link id.</summary>
    public enum LinkState
    {
        /// <summary>Not in use.</summary>
        Free = 0,
        /// <summary>CIPSTART is running.</summary>
        Connecting = 1,
        /// <summary>Connected.</summary>
        Open = 2,
        /// <summary>The peer closed; data it sent before may still be unread.</summary>
        RemoteClosed = 3,
        /// <summary>The ESP rebooted or a send failed: the link is gone, every call on it fails.</summary>
        Reset = 4,
    }
}
