namespace Millwright.Controller.Api;

/// <summary>POST /api/devices: the id, and optionally a secret to import (64 hex digits) instead of a generated one.</summary>
public sealed record AddDeviceRequest(string? Id, string? Secret);
