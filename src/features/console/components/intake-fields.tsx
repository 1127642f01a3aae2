'use client';
import { useTranslations } from 'next-intl';
import { Field, Input, Textarea } from '@/components/ui/input';
import type { PasscodePolicy } from '@/server/db/schema/repairs';
import { ScanFieldButton } from '@/features/scanner/components';
import { errorProps } from './problem-fields';

/** The same list as the schema's PASSCODE_POLICIES (kept here so the browser bundle stays small). */
const PASSCODE_POLICIES: readonly PasscodePolicy[] = [
  'none',
  'provided',
  'customer_unlocks',
  'wipe_authorised',
];

export const COMMON_ACCESSORIES = [
  'charger',
  'cable',
  'case',
  'sim',
  'memory_card',
  'stylus',
  'box',
] as const;

export interface IntakeValues {
  conditionNotes: string;
  /** labels of the ticked common accessories */
  accessories: string[];
  otherAccessories: string;
  passcodePolicy: PasscodePolicy | '';
  passcode: string;
  imeiSerial: string;
}

export const EMPTY_INTAKE: IntakeValues = {
  conditionNotes: '',
  accessories: [],
  otherAccessories: '',
  passcodePolicy: '',
  passcode: '',
  imeiSerial: '',
};

/** The API body for these values (the server validates everything again). */
export function intakeBody(v: IntakeValues) {
  const other = v.otherAccessories
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return {
    conditionNotes: v.conditionNotes,
    accessories: [...v.accessories, ...other],
    passcodePolicy: v.passcodePolicy as PasscodePolicy,
    passcode: v.passcodePolicy === 'provided' ? v.passcode : undefined,
    imeiSerial: v.imeiSerial.trim() || undefined,
  };
}

/** Errors the browser can tell before asking the server. */
export function localIntakeErrors(v: IntakeValues, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.conditionNotes.trim()) errors.conditionNotes = t('conditionRequired');
  if (!v.passcodePolicy) errors.passcodePolicy = t('policyRequired');
  else if (v.passcodePolicy === 'provided' && !v.passcode.trim()) errors.passcode = t('passcodeRequired');
  return errors;
}

/** Condition, accessories, passcode policy (+ passcode) and IMEI/serial: intake and walk-ins. */
export function IntakeFieldsInputs({
  idPrefix,
  values,
  onChange,
  errors,
}: {
  idPrefix: string;
  values: IntakeValues;
  onChange: (patch: Partial<IntakeValues>) => void;
  errors: Record<string, string>;
}) {
  const t = useTranslations('staff.intake');
  const accessoryError = Object.entries(errors).find(
    ([k]) => k === 'accessories' || k.startsWith('accessories.'),
  )?.[1];
  return (
    <div className="space-y-5">
      <Field
        id={`${idPrefix}-condition`}
        label={t('conditionNotes')}
        hint={t('conditionHint')}
        error={errors.conditionNotes}
        required
      >
        <Textarea
          id={`${idPrefix}-condition`}
          value={values.conditionNotes}
          maxLength={2000}
          required
          onChange={(e) => onChange({ conditionNotes: e.target.value })}
          data-testid="intake-condition"
          {...errorProps(`${idPrefix}-condition`, errors.conditionNotes, true)}
        />
      </Field>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('accessories')}</legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {COMMON_ACCESSORIES.map((a) => {
            const label = t(`accessory.${a}`);
            const checked = values.accessories.includes(label);
            return (
              <label
                key={a}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-800 has-[:checked]:border-brand has-[:checked]:bg-brand/5"
              >
                <input
                  type="checkbox"
                  className="size-5 accent-brand"
                  checked={checked}
                  onChange={(e) =>
                    onChange({
                      accessories: e.target.checked
                        ? [...values.accessories, label]
                        : values.accessories.filter((x) => x !== label),
                    })
                  }
                  data-testid={`intake-accessory-${a}`}
                />
                {label}
              </label>
            );
          })}
        </div>
        <div className="mt-3">
          <Field
            id={`${idPrefix}-other`}
            label={t('otherAccessories')}
            hint={t('otherHint')}
            error={accessoryError}
          >
            <Input
              id={`${idPrefix}-other`}
              value={values.otherAccessories}
              maxLength={400}
              onChange={(e) => onChange({ otherAccessories: e.target.value })}
              {...errorProps(`${idPrefix}-other`, accessoryError, true)}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset
        aria-describedby={errors.passcodePolicy ? `${idPrefix}-policy-error` : undefined}
        aria-invalid={errors.passcodePolicy ? true : undefined}
      >
        <legend className="text-sm font-medium text-slate-800">
          {t('passcodePolicy')}
          <span aria-hidden className="text-red-700">
            {' '}
            *
          </span>
        </legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {PASSCODE_POLICIES.map((p) => (
            <label
              key={p}
              className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-800 has-[:checked]:border-brand has-[:checked]:bg-brand/5"
            >
              <input
                type="radio"
                name={`${idPrefix}-policy`}
                className="size-5 accent-brand"
                value={p}
                checked={values.passcodePolicy === p}
                onChange={() => onChange({ passcodePolicy: p })}
                data-testid={`intake-policy-${p}`}
              />
              {t(`policy.${p}`)}
            </label>
          ))}
        </div>
        {errors.passcodePolicy ? (
          <p id={`${idPrefix}-policy-error`} role="alert" className="mt-1.5 text-sm font-medium text-red-700">
            {errors.passcodePolicy}
          </p>
        ) : null}
      </fieldset>

      {values.passcodePolicy === 'provided' ? (
        <Field
          id={`${idPrefix}-passcode`}
          label={t('passcode')}
          hint={t('passcodeHint')}
          error={errors.passcode}
          required
        >
          <Input
            id={`${idPrefix}-passcode`}
            value={values.passcode}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            required
            onChange={(e) => onChange({ passcode: e.target.value })}
            data-testid="intake-passcode"
            {...errorProps(`${idPrefix}-passcode`, errors.passcode, true)}
          />
        </Field>
      ) : null}

      <Field id={`${idPrefix}-imei`} label={t('imeiSerial')} hint={t('imeiHint')} error={errors.imeiSerial}>
        <div className="flex gap-2">
          <Input
            id={`${idPrefix}-imei`}
            className="min-w-0 flex-1"
            value={values.imeiSerial}
            maxLength={60}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ imeiSerial: e.target.value })}
            data-testid="intake-imei"
            {...errorProps(`${idPrefix}-imei`, errors.imeiSerial, true)}
          />
          {/* a barcode on the device or its box: an IMEI or a serial number */}
          <ScanFieldButton
            fieldLabel={t('imeiSerial')}
            onScan={(value) => onChange({ imeiSerial: value })}
            testId="intake-imei-scan"
          />
        </div>
      </Field>
    </div>
  );
}
