namespace Millwright.Controller.Api;

/// <summary>POST /api/devices/{id}/replace: optionally the new node's secret (64 hex digits) instead of a generated one.</summary>
public sealed record ReplaceDeviceRequest(string? Secret);
