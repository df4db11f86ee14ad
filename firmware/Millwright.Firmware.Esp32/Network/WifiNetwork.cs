using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Threading;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Network;

/// <summary>
/// The Wi-Fi station (<see cref="INetworkInterface"/>). <see cref="Configure"/> with new credentials drops the current
/// association before it returns (the Improv flow relies on <see cref="IsConnected"/> then speaking of the new
/// credentials) and leaves the join to a worker thread, because WifiAdapter.Connect waits up to 20 s for the access
/// point. Credentials that joined are saved in nanoCLR's Wi-Fi configuration with AutoConnect, so the chip rejoins by
/// itself after an outage and at boot; credentials that failed are never saved, and unchanged ones are not written
/// again. WifiNetworkHelper is not used: it skips the join when already on the same SSID, so a changed password would
/// never be tried. nanoFramework reports no RSSI for the joined network (only scan results), so <see cref="Rssi"/> is
/// 0, which the interface defines as unknown.
/// </summary>
public sealed class WifiNetwork : INetworkInterface
{
    private const string NoAddress = "0.0.0.0";

    private readonly object _lock = new object();
    private readonly AutoResetEvent _request = new AutoResetEvent(false);
    private readonly WifiAdapter _adapter;
    private Thread _worker;
    private string _ssid;
    private string _password;
    private bool _joining;
    private string _address = string.Empty;

    public WifiNetwork()
    {
        _adapter = WifiAdapter.FindAllAdapters()[0];
        NetworkChange.NetworkAddressChanged += OnAddressChanged;
        NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        Refresh();
    }

    public bool IsConnected
    {
        get { return Address.Length > 0; }
    }

    public string Address
    {
        get
        {
            lock (_lock)
            {
                return _joining ? string.Empty : _address;
            }
        }
    }

    public int Rssi
    {
        get { return 0; }
    }

    public void Configure(string ssid, string password)
    {
        // The credentials nanoCLR already holds (every boot applies the stored Wi-Fi): the current association, if
        // any, is theirs, so nothing is dropped and the flash is not rewritten.
        bool stored = IsStored(ssid, password);
        if (stored && IsConnected)
        {
            return;
        }

        lock (_lock)
        {
            _ssid = ssid;
            _password = password;
            _joining = !stored;
            if (_worker == null)
            {
                _worker = new Thread(Work);
                _worker.Start();
            }
        }

        if (!stored)
        {
            try
            {
                _adapter.Disconnect();
            }
            catch (Exception e)
            {
                Debug.WriteLine("wifi: disconnect: " + e.Message);
            }
        }

        _request.Set();
    }

    private void Work()
    {
        while (true)
        {
            _request.WaitOne();
            string ssid;
            string password;
            lock (_lock)
            {
                ssid = _ssid;
                password = _password;
            }

            try
            {
                WifiConnectionStatus status = _adapter.Connect(ssid, WifiReconnectionKind.Automatic, password).ConnectionStatus;
                if (status == WifiConnectionStatus.Success && !IsStored(ssid, password))
                {
                    Store(ssid, password);
                }
                else
                {
                    // Never the password: the SSID and the status number are enough to diagnose.
                    Debug.WriteLine("wifi: joining " + ssid + " failed, status " + ((int)status).ToString());
                }
            }
            catch (Exception e)
            {
                Debug.WriteLine("wifi: " + e.Message);
            }

            lock (_lock)
            {
                // A newer Configure is still to be served by the next pass.
                if (ssid == _ssid && password == _password)
                {
                    _joining = false;
                }
            }

            Refresh();
        }
    }

    private static Wireless80211Configuration StationConfiguration()
    {
        NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
        for (int i = 0; i < interfaces.Length; i++)
        {
            if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
            {
                return Wireless80211Configuration.GetAllWireless80211Configurations()[interfaces[i].SpecificConfigId];
            }
        }

        return null;
    }

    private static bool IsStored(string ssid, string password)
    {
        try
        {
            Wireless80211Configuration configuration = StationConfiguration();
            return configuration != null && configuration.Ssid == ssid && configuration.Password == password &&
                (configuration.Options & Wireless80211Configuration.ConfigurationOptions.AutoConnect) ==
                Wireless80211Configuration.ConfigurationOptions.AutoConnect;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static void Store(string ssid, string password)
    {
        Wireless80211Configuration configuration = StationConfiguration();
        if (configuration != null)
        {
            configuration.Ssid = ssid;
            configuration.Password = password;
            configuration.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
            configuration.SaveConfiguration();
        }
    }

    private void OnAddressChanged(object sender, EventArgs e)
    {
        Refresh();
    }

    private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
    {
        Refresh();
    }

    private void Refresh()
    {
        string address = string.Empty;
        try
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                string candidate = interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211 ? interfaces[i].IPv4Address : null;
                if (candidate != null && candidate.Length > 0 && candidate != NoAddress)
                {
                    address = candidate;
                }
            }
        }
        catch (Exception)
        {
            // No interface information: report no address rather than a stale one.
        }

        lock (_lock)
        {
            _address = address;
        }
    }
}
