using System;
using Millwright.Firmware.Hardware;
using nanoFramework.M2Mqtt.Messages;

namespace Millwright.Firmware.Esp32.Network;

/// <summary>
/// Hands M2Mqtt's events to the firmware's <see cref="IMqttLinkListener"/>. M2Mqtt raises them on one library thread
/// and closes the connection when a handler throws, so every handler catches everything. Events of a client that is no
/// longer <see cref="Source"/> (replaced after a broker change) are dropped.
/// </summary>
public sealed class MqttListenerForwarder
{
    public IMqttLinkListener Listener { get; set; }

    /// <summary>The client whose events count.</summary>
    public object Source { get; set; }

    public void OnMessage(object sender, MqttMsgPublishEventArgs e)
    {
        try
        {
            IMqttLinkListener listener = Listener;
            if (listener != null && sender == Source)
            {
                listener.OnMessage(e.Topic, e.Message);
            }
        }
        catch (Exception)
        {
            // Swallowed: M2Mqtt would close the connection.
        }
    }

    public void OnPublished(object sender, MqttMsgPublishedEventArgs e)
    {
        try
        {
            IMqttLinkListener listener = Listener;
            if (listener != null && sender == Source)
            {
                listener.OnPublished(e.MessageId, e.IsPublished);
            }
        }
        catch (Exception)
        {
            // As above.
        }
    }

    public void OnClosed(object sender, EventArgs e)
    {
        try
        {
            IMqttLinkListener listener = Listener;
            if (listener != null && sender == Source)
            {
                listener.OnDisconnected();
            }
        }
        catch (Exception)
        {
            // As above.
        }
    }

    /// <summary>The outcome of a connection attempt, from the link's worker thread.</summary>
    public void OnConnected(bool accepted, int reason)
    {
        try
        {
            IMqttLinkListener listener = Listener;
            if (listener != null)
            {
                listener.OnConnected(accepted, reason);
            }
        }
        catch (Exception)
        {
            // The listener must not throw; if it does, the worker still lives.
        }
    }
}
