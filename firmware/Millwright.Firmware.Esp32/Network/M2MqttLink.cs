using System;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Millwright.Firmware.Hardware;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Millwright.Firmware.Esp32.Network;

/// <summary>
/// <see cref="IMqttLink"/> over nanoFramework.M2Mqtt 5.1. The MqttClient constructor resolves the broker's name and
/// throws, and Connect waits for the CONNACK, so both run on this link's worker thread and end as
/// <see cref="IMqttLinkListener.OnConnected"/> (reason <see cref="NoBrokerReason"/> when no broker answered: DNS,
/// socket or TLS failure). A client that was connected is reconnected with Connect, as M2Mqtt expects; an attempt that
/// reached no broker drops its client, so the next one resolves the name again. Publish copies the payload: M2Mqtt
/// queues the array itself. Events reach the listener through <see cref="MqttListenerForwarder"/>.
/// </summary>
public sealed class M2MqttLink : IMqttLink
{
    public const int NoBrokerReason = -1;

    private readonly object _lock = new object();
    private readonly AutoResetEvent _wake = new AutoResetEvent(false);
    private readonly MqttListenerForwarder _events = new MqttListenerForwarder();
    private Thread _worker;
    private MqttConnectSettings _pendingConnect;
    private bool _pendingDisconnect;
    private MqttClient _client;
    private string _clientBroker;
    private bool _willWarned;

    public void SetListener(IMqttLinkListener listener)
    {
        _events.Listener = listener;
    }

    public void Connect(MqttConnectSettings settings)
    {
        Request(settings, false);
    }

    public void Disconnect()
    {
        Request(null, true);
    }

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        MqttClient client = Current();
        if (client == null || !client.IsConnected)
        {
            return 0;
        }

        byte[] copy = new byte[count];
        Array.Copy(payload, offset, copy, 0, count);
        try
        {
            return client.Publish(topic, copy, null, null, QosOf(qos), retain);
        }
        catch (Exception)
        {
            return 0;
        }
    }

    public void Subscribe(string topic, int qos)
    {
        MqttClient client = Current();
        if (client == null || !client.IsConnected)
        {
            return;
        }

        try
        {
            client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { QosOf(qos) });
        }
        catch (Exception e)
        {
            Debug.WriteLine("mqtt: subscribe " + topic + ": " + e.Message);
        }
    }

    private void Request(MqttConnectSettings connect, bool disconnect)
    {
        lock (_lock)
        {
            _pendingConnect = connect;
            _pendingDisconnect = disconnect;
            if (_worker == null)
            {
                _worker = new Thread(Work);
                _worker.Start();
            }
        }

        _wake.Set();
    }

    private void Work()
    {
        while (true)
        {
            _wake.WaitOne();
            MqttConnectSettings connect;
            bool disconnect;
            lock (_lock)
            {
                connect = _pendingConnect;
                disconnect = _pendingDisconnect;
                _pendingConnect = null;
                _pendingDisconnect = false;
            }

            if (disconnect)
            {
                CloseConnection(Current());
            }

            if (connect != null)
            {
                bool accepted;
                int reason = Open(connect, out accepted);
                _events.OnConnected(accepted, reason);
            }
        }
    }

    private int Open(MqttConnectSettings connect, out bool accepted)
    {
        accepted = false;
        MqttClient client = null;
        try
        {
            client = ClientFor(connect);
            CloseConnection(client);
            string will = MqttWillText.From(connect.WillPayload);
            if (will == null && connect.WillPayload != null && !_willWarned)
            {
                _willWarned = true;
                Debug.WriteLine("mqtt: the Will payload is not UTF-8 text, which is all M2Mqtt can send; no Will is registered");
            }

            int keepAlive = connect.KeepAliveSeconds < 0 ? 0 : connect.KeepAliveSeconds > 65535 ? 65535 : connect.KeepAliveSeconds;
            MqttReasonCode code = client.Connect(
                connect.ClientId,
                connect.Username,
                connect.Password,
                connect.WillRetain,
                MqttQoSLevel.AtLeastOnce,
                will != null && connect.WillTopic != null,
                connect.WillTopic,
                will,
                true,
                (ushort)keepAlive);
            accepted = code == MqttReasonCode.Success;
            if (!accepted)
            {
                client.Close();
            }

            return (int)code;
        }
        catch (Exception e)
        {
            Debug.WriteLine("mqtt: no broker at " + connect.Host + ": " + e.Message);
            if (client != null)
            {
                Drop(client);
            }

            return NoBrokerReason;
        }
    }

    /// <summary>The client for this broker; a new one (its constructor resolves the name) when none is kept for it.</summary>
    private MqttClient ClientFor(MqttConnectSettings connect)
    {
        string broker = connect.Host + ":" + connect.Port.ToString() + (connect.UseTls ? " tls " + connect.CaCertificatePem : string.Empty);
        MqttClient old = Current();
        if (old != null && _clientBroker == broker)
        {
            return old;
        }

        if (old != null)
        {
            Drop(old);
        }

        X509Certificate ca = connect.UseTls && connect.CaCertificatePem != null ? new X509Certificate(connect.CaCertificatePem) : null;
        MqttClient client = new MqttClient(
            connect.Host,
            connect.Port,
            connect.UseTls,
            ca,
            null,
            connect.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
        client.MqttMsgPublishReceived += _events.OnMessage;
        client.MqttMsgPublished += _events.OnPublished;
        client.ConnectionClosed += _events.OnClosed;
        lock (_lock)
        {
            _client = client;
            _clientBroker = broker;
            _events.Source = client;
        }

        return client;
    }

    /// <summary>Forgets a client: its events are no longer forwarded, and its threads and socket are stopped.</summary>
    private void Drop(MqttClient client)
    {
        lock (_lock)
        {
            if (_client == client)
            {
                _client = null;
                _clientBroker = null;
                _events.Source = null;
            }
        }

        client.MqttMsgPublishReceived -= _events.OnMessage;
        client.MqttMsgPublished -= _events.OnPublished;
        client.ConnectionClosed -= _events.OnClosed;
        client.Close();
    }

    private static void CloseConnection(MqttClient client)
    {
        if (client != null && client.IsConnected)
        {
            try
            {
                client.Disconnect();
            }
            catch (Exception)
            {
                client.Close();
            }
        }
    }

    private MqttClient Current()
    {
        lock (_lock)
        {
            return _client;
        }
    }

    private static MqttQoSLevel QosOf(int qos)
    {
        return qos <= 0 ? MqttQoSLevel.AtMostOnce : qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.ExactlyOnce;
    }
}
