'use client';
/**
 * The live camera for a `<video>`: rear camera first, a switch between the device's cameras, the
 * torch where the camera has one, and the stream stopped when the component goes. Used by the
 * photo capture and the QR scanner; both fall back to a file input when `status` says the camera
 * cannot be had (`unavailable`: no getUserMedia or no camera, e.g. plain HTTP; `denied`).
 * Client-only: mount it after an interaction (a dialog), not in server-rendered markup.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraStatus = 'idle' | 'starting' | 'live' | 'denied' | 'unavailable' | 'error';

interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
}

export interface Camera {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  status: CameraStatus;
  /** more than one camera: the switch is worth showing */
  canSwitch: boolean;
  switchCamera: () => void;
  torchSupported: boolean;
  torchOn: boolean;
  toggleTorch: () => void;
  start: () => void;
  stop: () => void;
}

/** Why getUserMedia failed, in our words. */
export function cameraFailure(error: unknown): CameraStatus {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
    return 'unavailable';
  }
  return 'error';
}

export function useCamera({ autoStart = true }: { autoStart?: boolean } = {}): Camera {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setStatus] = useState<CameraStatus>(autoStart ? 'starting' : 'idle');
  const supported = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  const status: CameraStatus = supported ? state : 'unavailable';
  const [devices, setDevices] = useState<string[]>([]);
  const [deviceIndex, setDeviceIndex] = useState<number | null>(null);
  const [torchSupported, setTorchSupported] = useState(false);
  const [torchOn, setTorchOn] = useState(false);
  const [wanted, setWanted] = useState(autoStart);

  const stopTracks = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  useEffect(() => {
    if (!wanted || !supported) return;
    let cancelled = false;
    const deviceId = deviceIndex === null ? undefined : devices[deviceIndex];
    const video: MediaTrackConstraints = deviceId
      ? { deviceId: { exact: deviceId } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } };
    navigator.mediaDevices
      .getUserMedia({ video, audio: false })
      .then(async (stream) => {
        if (cancelled) {
          stream.getTracks().forEach((t) => t.stop());
          return;
        }
        stopTracks();
        streamRef.current = stream;
        const track = stream.getVideoTracks()[0];
        const caps = (track?.getCapabilities?.() ?? {}) as TorchCapabilities;
        setTorchSupported(caps.torch === true);
        setTorchOn(false);
        if (videoRef.current) {
          videoRef.current.srcObject = stream;
          await videoRef.current.play().catch(() => {});
        }
        // labels and ids are only listed once permission is given
        const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
        if (!cancelled) {
          setDevices(all.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => d.deviceId));
          setStatus('live');
        }
      })
      .catch((error: unknown) => {
        if (!cancelled) setStatus(cameraFailure(error));
      });
    return () => {
      cancelled = true;
    };
    // devices is read for the chosen index only; listing them must not restart the camera
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, supported, deviceIndex, stopTracks]);

  useEffect(() => () => stopTracks(), [stopTracks]);

  const switchCamera = useCallback(() => {
    if (devices.length < 2) return;
    const currentId = streamRef.current?.getVideoTracks()[0]?.getSettings().deviceId;
    const at = currentId ? devices.indexOf(currentId) : (deviceIndex ?? 0);
    setStatus('starting');
    setDeviceIndex((at + 1) % devices.length);
  }, [devices, deviceIndex]);

  const toggleTorch = useCallback(() => {
    const track = streamRef.current?.getVideoTracks()[0];
    if (!track) return;
    const next = !torchOn;
    track
      .applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] })
      .then(() => setTorchOn(next))
      .catch(() => setTorchSupported(false));
  }, [torchOn]);

  const start = useCallback(() => {
    setStatus('starting');
    setWanted(true);
  }, []);
  const stop = useCallback(() => {
    setWanted(false);
    stopTracks();
    setStatus('idle');
  }, [stopTracks]);

  return {
    videoRef,
    status,
    canSwitch: devices.length > 1,
    switchCamera,
    torchSupported,
    torchOn,
    toggleTorch,
    start,
    stop,
  };
}
