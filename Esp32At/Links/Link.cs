using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>One link id's state, updated from URCs on the pump thread and read by callers (guarded by the table).</summary>
    internal sealed class Link
    {
        public Link(int id)
        {
            Id = id;
        }

        public int Id { get; private set; }
        public LinkState State;
        /// <summary>Bytes the ESP holds for this link, from the last passive notice (total buffered).</summary>
        public int Available;
        /// <summary>Counts passive notices, so a read can tell whether a fresh total arrived while it ran.</summary>
        public int Notices;
        public string ResetReason;
        /// <summary>Set when anything about the link changed (data, close, reset).</summary>
        public readonly AutoResetEvent Changed = new AutoResetEvent(false);
        /// <summary>Per-link command buffers, so the data path allocates nothing.</summary>
        public readonly AtCommandBuffer SendCommand = new AtCommandBuffer(32);
        public readonly AtCommandBuffer ReceiveCommand = new AtCommandBuffer(32);
    }
}
