namespace OrleansServe.LoadTester.Requests;

/// <summary>The gateway endpoint shape a run drives.</summary>
public enum RequestStyle
{
    /// <summary><c>POST /v2/models/{model}/infer</c> with the raw JPEG as the body.</summary>
    V2,

    /// <summary><c>POST /predict</c>, multipart form with the image in field <c>file</c>.</summary>
    Predict,

    /// <summary><c>POST /enqueue</c> with JSON <c>{"image": "&lt;base64&gt;"}</c>.</summary>
    Enqueue,

    /// <summary><c>POST /v2/models/{model}/infer</c> with JSON <c>{"tokens": N}</c>, models from a mix.</summary>
    Tokens,
}
