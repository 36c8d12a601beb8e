// What an account action said: an error as an alert, anything else as a quiet status line.
export interface Message {
  error: boolean;
  text: string;
}

export default function StatusMessage({ message }: { message: Message | null }) {
  if (!message) return null;
  return (
    <p className={message.error ? "error" : "muted"} role={message.error ? "alert" : "status"}>
      {message.text}
    </p>
  );
}
