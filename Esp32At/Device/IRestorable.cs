namespace Esp32At.Device
{
    /// <summary>
    /// Something the ESP forgets when it reboots and the library puts back (the joined network, a soft-AP, a server,
    /// an mDNS record). Restorers run on a recovery thread, after the device was initialised again, in registration order.
    /// </summary>
    public interface IRestorable
    {
        /// <summary>Re-applies this state to the freshly initialised <paramref name="device"/>.</summary>
        void Restore(Esp32AtDevice device);
    }

    /// <summary>Raised by <see cref="Esp32AtDevice"/>.</summary>
    public delegate void Esp32AtDeviceEventHandler(Esp32AtDevice sender, bool success);
}
