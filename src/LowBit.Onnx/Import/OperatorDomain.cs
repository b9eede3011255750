using System;

namespace LowBit.Onnx.Import;

/// <summary>Which operator set a node belongs to, after mapping the domain spellings exporters use.</summary>
public enum OperatorDomain
{
    /// <summary>ONNX's own operators: domain "" or "ai.onnx".</summary>
    Onnx,

    /// <summary>
    /// QONNX's Quant, BipolarQuant, Trunc and MultiThreshold under any of their names: current
    /// <c>qonnx.custom_op.general</c>, Brevitas's older <c>onnx.brevitas</c>, FINN's <c>finn</c> and
    /// <c>finn.custom_op.general</c> (the aliases qonnx's registry and ModelWrapper accept).
    /// </summary>
    Qonnx,

    /// <summary>Anything else; nodes from it are refused by name.</summary>
    Other,
}

internal static class OperatorDomains
{
    public static OperatorDomain Classify(string domain) => domain switch
    {
        "" or "ai.onnx" => OperatorDomain.Onnx,
        "qonnx.custom_op.general" or "onnx.brevitas" or "finn" or "finn.custom_op.general" => OperatorDomain.Qonnx,
        _ when domain.StartsWith("qonnx.custom_op.", StringComparison.Ordinal) => OperatorDomain.Qonnx,
        _ => OperatorDomain.Other,
    };
}
